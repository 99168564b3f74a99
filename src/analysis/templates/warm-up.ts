/**
 * Messages that take every path of the tokenizer and the miner once. V8 optimises a hot function
 * for the paths it has seen run; a path first taken later throws that code away and the function
 * runs unoptimised until it is compiled again, which on a busy machine took the first ten thousand
 * lines of a mixed log down to a twentieth of the usual speed. Running these once, before the
 * first real message, costs well under a millisecond.
 */
export const WARM_UP: readonly string[] = [
  'Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6',
  'PacketResponder 1 for block blk_38865049064139660 terminating',
  'Deleting block blk_7 file /mnt/hadoop/dfs/data/current/subdir19/blk_7',
  'session opened for user cyrus by (uid=0)',
  'session opened for user news by (uid=0)',
  'connection from 82.252.162.81 (lns-vlq-45-tou-82-252-162-81.adsl.proxad.net) at Sat Jul  9 22:53:22 2005',
  'connection from 24.54.76.216 () at Sun Jul 10 03:55:15 2005',
  'Block broadcast_9_piece0 stored as bytes in memory (estimated size 5.2 KB, free 16.0 B)',
  'Took 12ms, then 1.5s for user=42 at 2026-11-22T19:40:42.584Z +02:00',
  'Loaded stack v6.1.7601.23505 with Core: C:\\Windows\\winsxs\\amd64_31bf3856ad364e35\\cbscore.dll',
  '00000001@2016/9/27:20:30:31.455 WcpInitialize called (stack @0x7fed806eb5d @0x7fef9fb9b6d)',
  'Input split: hdfs://mesos-master-1:9000/data/part-00000 read by alice.smith@example.org',
  'Notification: 2 (n.leader), 0xb00000084 (n.zxid), LOOKING (n.state) peer fe80::1ff:fe23:abcd:890a',
  'Resolved MSRA-SA-39.fareast.corp.microsoft.com to /default-rack uuid 123e4567-e89b-12d3-a456-426614174000',
  'Fan speeds ( 3552 3534 3375 **** 3515 3479 ) in May',
  'ciod: Error reading message prefix after LOGIN_MESSAGE on CioStream socket to 172.16.96.116:33569',
  'jk2_init() Found child 6725 in scoreboard slot 10 [HRESULT = 0x800f080d - CBS_E_MANIFEST]',
  'path=/var/lib/pg/data, url=(https://example.com/a?b=1), ./conf/app.yaml ~/x/y \\\\host\\share',
  'é1 ünïcode 日本 -x +5 a-1 1-a 1_-2 ::1 [::1]:443 x@y a@b.c',
  'generating core.2275',
  '',
  'Link error',
  'Link ok',
  // More tokens than the arrays first hold, so growing them is no surprise either.
  Array.from({ length: 80 }, (_, i) => `w${i % 7} x`).join(' '),
];
