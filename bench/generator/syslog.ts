/**
 * The API host's /var/log/syslog as Debian's rsyslog writes it (RFC 3164 style: `Mon dd hh:mm:ss`,
 * no year, no zone): firewall noise, ssh scanners, cron, systemd units, and the incident's OOM kill.
 */
import type { Clock } from './clock.js';
import { weighted, type Prng } from './prng.js';
import type { LineSink } from './sink.js';
import { BLOCKED_PORTS, CLIENT_NETS, SSH_USERS } from './vocab.js';

type Routine = 'ufw' | 'ssh-scan' | 'timer' | 'logind';
const ROUTINE = weighted<Routine>([
  ['ufw', 40],
  ['ssh-scan', 35],
  ['timer', 6],
  ['logind', 2],
]);

const TIMERS = [
  ['sysstat-collect.service', 'system activity accounting tool'],
  ['phpsessionclean.service', 'Clean php session files'],
  ['apt-daily.service', 'Daily apt download activities'],
  ['man-db.service', 'Daily man-db regeneration'],
  ['e2scrub_all.service', 'Online ext4 Metadata Check for All Filesystems'],
] as const;

export class Syslog {
  private nextPid = 40000;
  private session = 1;

  constructor(
    readonly sink: LineSink,
    private readonly clock: Clock,
    private readonly rng: Prng,
    /** Boot time, for the kernel's `[uptime]` stamps. */
    private readonly bootMs: number,
    private readonly host = 'api-1',
  ) {}

  private log(program: string, text: string): void {
    this.sink.line(`${this.clock.bsd} ${this.host} ${program}: ${text}`);
  }

  private kernel(now: number, text: string): void {
    this.log('kernel', `[${((now - this.bootMs) / 1000).toFixed(6).padStart(12)}] ${text}`);
  }

  private pid(): number {
    this.nextPid += this.rng.range(1, 60);
    if (this.nextPid > 4_194_304) this.nextPid = 1000;
    return this.nextPid;
  }

  private ip(): string {
    return `${this.rng.pick(CLIENT_NETS)}.${this.rng.range(1, 254)}`;
  }

  /** sysstat's `5-55/10 * * * *` job, the way CRON logs every run. */
  cron(): void {
    const pid = this.pid();
    this.log(
      `CRON[${pid}]`,
      'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
    );
    this.log(
      `CRON[${pid + 1}]`,
      '(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)',
    );
    this.log(`CRON[${pid}]`, 'pam_unix(cron:session): session closed for user root');
  }

  /** A deploy: the engineer logs in, the other colour starts, nginx reloads, the old one stops. */
  deploy(newPort: number, oldPort: number): void {
    const pid = this.pid();
    this.log(
      `sshd[${pid}]`,
      `Accepted publickey for deploy from 192.0.2.10 port ${this.rng.range(40000, 60000)} ssh2: ED25519 SHA256:q9yNNVj8nLd2cL3Yw5VxkXo8Zb0d6K1mR2tPQ7fHs4E`,
    );
    this.log(
      `sshd[${pid}]`,
      'pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)',
    );
    this.log('systemd-logind[498]', `New session ${this.session++} of user deploy.`);
    this.log('systemd[1]', `Started shop-api@${newPort}.service - shop-api on port ${newPort}.`);
    this.log(
      'systemd[1]',
      'Reloading nginx.service - A high performance web server and a reverse proxy server...',
    );
    this.log(
      'systemd[1]',
      'Reloaded nginx.service - A high performance web server and a reverse proxy server.',
    );
    this.log('systemd[1]', `Stopping shop-api@${oldPort}.service - shop-api on port ${oldPort}...`);
    this.log('systemd[1]', `shop-api@${oldPort}.service: Deactivated successfully.`);
    this.log('systemd[1]', `Stopped shop-api@${oldPort}.service - shop-api on port ${oldPort}.`);
  }

  /** The kernel OOM killer takes the API process; systemd restarts the unit. */
  oomKill(now: number, victim: number, port: number): void {
    const unit = `shop-api@${port}.service`;
    const k = (text: string): void => this.kernel(now, text);
    k(
      'node invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0',
    );
    k(`CPU: 1 PID: ${victim} Comm: node Not tainted 6.1.0-28-amd64 #1  Debian 6.1.119-1`);
    k(
      'Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014',
    );
    k('Call Trace:');
    k(' <TASK>');
    k(' dump_stack_lvl+0x44/0x5c');
    k(' dump_header+0x4a/0x211');
    k(' oom_kill_process.cold+0xb/0x10');
    k(' out_of_memory+0x1fd/0x4c0');
    k(' __alloc_pages_slowpath.constprop.0+0xca3/0xe10');
    k(' __alloc_pages+0x305/0x330');
    k(' </TASK>');
    k('Mem-Info:');
    k('active_anon:1503220 inactive_anon:312 isolated_anon:0');
    k('Tasks state (memory values in pages):');
    k('[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name');
    k(
      `[${String(victim).padStart(7)}]   998 ${String(victim).padStart(5)}   460864   380850  3334144        0             0 node`,
    );
    k(
      `oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/system-shop\\x2dapi.slice/${unit},task=node,pid=${victim},uid=998`,
    );
    k(
      `Out of memory: Killed process ${victim} (node) total-vm:1843456kB, anon-rss:1523400kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:3256kB oom_score_adj:0`,
    );
    this.log('systemd[1]', `${unit}: A process of this unit has been killed by the OOM killer.`);
    this.log('systemd[1]', `${unit}: Main process exited, code=killed, status=9/KILL`);
    this.log('systemd[1]', `${unit}: Failed with result 'oom-kill'.`);
    this.log('systemd[1]', `${unit}: Consumed 14min 3.512s CPU time.`);
    this.log('systemd[1]', `${unit}: Scheduled restart job, restart counter is at 1.`);
    this.log('systemd[1]', `Stopped ${unit} - shop-api on port ${port}.`);
    this.log('systemd[1]', `Started ${unit} - shop-api on port ${port}.`);
  }

  /** Routine noise of an internet-facing host. */
  routine(now: number): void {
    const rng = this.rng;
    switch (rng.pickWeighted(ROUTINE)) {
      case 'ufw': {
        const port = rng.pick(BLOCKED_PORTS);
        this.kernel(
          now,
          `[UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=${this.ip()} DST=192.0.2.10 LEN=${rng.range(40, 60)} TOS=0x00 PREC=0x00 TTL=${rng.range(40, 250)} ID=${rng.range(1, 65535)} PROTO=TCP SPT=${rng.range(1024, 65535)} DPT=${port} WINDOW=${rng.pick([1024, 29200, 65535])} RES=0x00 SYN URGP=0`,
        );
        return;
      }
      case 'ssh-scan': {
        const pid = this.pid();
        const user = rng.pick(SSH_USERS);
        const ip = this.ip();
        const port = rng.range(30000, 65000);
        if (rng.chance(0.3)) {
          this.log(
            `sshd[${pid}]`,
            `Disconnected from authenticating user root ${ip} port ${port} [preauth]`,
          );
          return;
        }
        this.log(`sshd[${pid}]`, `Invalid user ${user} from ${ip} port ${port}`);
        this.log(
          `sshd[${pid}]`,
          `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`,
        );
        this.log(
          `sshd[${pid}]`,
          `Disconnected from invalid user ${user} ${ip} port ${port} [preauth]`,
        );
        return;
      }
      case 'timer': {
        const [unit, description] = rng.pick(TIMERS);
        this.log('systemd[1]', `Starting ${unit} - ${description}...`);
        this.log('systemd[1]', `${unit}: Deactivated successfully.`);
        this.log('systemd[1]', `Finished ${unit} - ${description}.`);
        return;
      }
      case 'logind': {
        const id = this.session++;
        this.log('systemd-logind[498]', `New session ${id} of user deploy.`);
        this.log('systemd-logind[498]', `Session ${id} logged out. Waiting for processes to exit.`);
        this.log('systemd-logind[498]', `Removed session ${id}.`);
        return;
      }
    }
  }
}
