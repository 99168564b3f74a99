/**
 * A root cause that is a person's action ("the root cause was the engineer running the script"): the
 * first sentence of a root-cause section, or one that says "caused", "because", "due to".
 */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';
import { isPersonAction, mentionsHumanError } from '../helpers/person-action.js';
import { within } from '../helpers/sections.js';

const ROOT = new Set(['root-cause']);
/** The sentence presents something as the cause. */
const CAUSAL =
  /\b(?:root cause|caused|causes|because|due to|the cause|led to|leads to|resulted in|result of|responsible for|triggered)\b/i;
/**
 * What someone thought or assumed is how a blameless account explains an action (local
 * rationality), not a cause pinned on them.
 */
const REASONING =
  /\b(?:thought|believed|assumed|understood|expected|seemed|knew|was told|were told)\b/i;

export default defineRule({
  id: 'root-cause-person',
  meta: {
    description: "The root cause is a person's action.",
    severity: 'warning',
    messages: {
      personAction:
        'The root cause names a person\'s action ("{{text}}"); the root cause is the condition that made the action possible or harmful',
    },
    docs: ruleDocsUrl('root-cause-person'),
    options: noOptions,
  },
  create(context) {
    const { document: doc, facts } = context;
    const blamed = new Set(facts.blame.map((b) => b.sentence));
    for (const sentence of facts.sentences) {
      if (sentence.sectionIndex < 0 || !within(doc, sentence.sectionIndex, ROOT)) continue;
      // Sentences the blameless rules already report are left to them.
      if (blamed.has(sentence) || mentionsHumanError(sentence.text)) continue;
      const first =
        facts.sentences.find(
          (x) => x.sectionIndex === sentence.sectionIndex && x.block !== 'heading',
        ) === sentence;
      if (!first && !CAUSAL.test(sentence.text)) continue;
      if (REASONING.test(sentence.text) || !isPersonAction(sentence.text, facts.people)) continue;
      const text = sentence.text.length > 60 ? `${sentence.text.slice(0, 57)}…` : sentence.text;
      context.report({
        messageId: 'personAction',
        data: { text },
        span: facts.span(sentence, 0, sentence.text.length),
      });
    }
  },
});
