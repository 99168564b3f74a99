/** Every lint rule, by id: a literal map, so that the set of rules is visible and bundlers keep them. */
import type { AnyRule } from '../define-rule.js';
import actionItemDue from './action-item-due.js';
import actionItemOverdue from './action-item-overdue.js';
import actionItemOwner from './action-item-owner.js';
import actionItemPriority from './action-item-priority.js';
import actionItemType from './action-item-type.js';
import actionItemVague from './action-item-vague.js';
import actionItemsPreventDetect from './action-items-prevent-detect.js';
import contributingFactorsMin from './contributing-factors-min.js';
import fiveWhysChain from './five-whys-chain.js';
import followUpReview from './follow-up-review.js';
import impactNumbers from './impact-numbers.js';
import noCounterfactualBlame from './no-counterfactual-blame.js';
import noHumanError from './no-human-error.js';
import noJudgementalWords from './no-judgemental-words.js';
import noPersonAsCause from './no-person-as-cause.js';
import publishedPlaceholders from './published-placeholders.js';
import requiredSections from './required-sections.js';
import rootCausePerson from './root-cause-person.js';
import severityRequired from './severity-required.js';
import sharedOnTime from './shared-on-time.js';
import timelineFrontMatter from './timeline-front-matter.js';
import timelineKeyMoments from './timeline-key-moments.js';
import timelineOrder from './timeline-order.js';
import timelinePlaceholder from './timeline-placeholder.js';
import timelineZone from './timeline-zone.js';

export const RULES: Readonly<Record<string, AnyRule>> = {
  // Blameless language
  'no-person-as-cause': noPersonAsCause,
  'no-counterfactual-blame': noCounterfactualBlame,
  'no-human-error': noHumanError,
  'no-judgemental-words': noJudgementalWords,
  // Action items
  'action-item-vague': actionItemVague,
  'action-item-owner': actionItemOwner,
  'action-item-due': actionItemDue,
  'action-item-priority': actionItemPriority,
  'action-item-type': actionItemType,
  'action-item-overdue': actionItemOverdue,
  'action-items-prevent-detect': actionItemsPreventDetect,
  // Analysis depth
  'contributing-factors-min': contributingFactorsMin,
  'five-whys-chain': fiveWhysChain,
  'root-cause-person': rootCausePerson,
  // Timeline
  'timeline-order': timelineOrder,
  'timeline-zone': timelineZone,
  'timeline-placeholder': timelinePlaceholder,
  'timeline-key-moments': timelineKeyMoments,
  'timeline-front-matter': timelineFrontMatter,
  // Completeness
  'required-sections': requiredSections,
  'impact-numbers': impactNumbers,
  'severity-required': severityRequired,
  // Process
  'shared-on-time': sharedOnTime,
  'follow-up-review': followUpReview,
  'published-placeholders': publishedPlaceholders,
};

/** Rule ids in registry order. */
export const RULE_IDS: readonly string[] = Object.keys(RULES);
