import { useTranslation } from 'react-i18next';
import type { BookingOutcome } from '../../../shared/schedule/api.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { issueField } from './booking-form-model.js';
import { siteNameOf } from './schedule-words.js';
import { distinctTexts, groupByRule, ruleTitle, violationText, type RuleMessage, type ViolationContext } from './violation-text.js';

/** Common messages of field problems, translated; others are shown as the engine wrote them. */
const ISSUE_KEYS: ReadonlyArray<[RegExp, string]> = [
  [/^must not be empty$/, 'schedule.issue.empty'],
  [/^at most (\d+) characters$/, 'schedule.issue.tooLong'],
  [/^the end must be after the start$/, 'schedule.issue.endBeforeStart'],
  [/^a meeting lasts at most (\d+) hours$/, 'schedule.issue.tooLongMeeting'],
  [/^choose at least one participant site or group$/, 'schedule.issue.noParticipants'],
  [/^an emergency meeting needs a reason/, 'schedule.rule.emergencyReason'],
  [/^choose at least one weekday$/, 'schedule.issue.weekday'],
  [/^changed by someone else since you opened it/, 'schedule.issue.versionConflict'],
];

export function issueText(message: string, t: ReturnType<typeof useTranslation>['t']): string {
  for (const [re, key] of ISSUE_KEYS) {
    const m = re.exec(message);
    if (m) return t(key, { n: m[1] ?? '' });
  }
  return message;
}

/** One rule, named once, with its clashes: the only one in line, several as a list under it. */
function RuleItem({ rule, items, kind, ctx }: { readonly rule: string; readonly items: readonly RuleMessage[]; readonly kind: 'violation' | 'warning'; readonly ctx: ViolationContext }) {
  const { t } = useTranslation();
  const texts = distinctTexts(items.map((i) => violationText(i, ctx)));
  return (
    <li className="violation" data-kind={kind} data-rule={rule} data-count={texts.length} data-testid={kind}>
      <SeverityGlyph severity={kind === 'violation' ? 'critical' : 'warning'} label={t(kind === 'violation' ? 'schedule.verdict.problem' : 'schedule.verdict.warning')} size={11} />
      <span className="violation__rule">{ruleTitle(rule, t)}</span>
      {texts.length === 1 ? (
        <span className="violation__text">{texts[0]}</span>
      ) : (
        <ul className="violation__texts">
          {texts.map((text) => (
            <li key={text} className="violation__text" data-testid="violation-detail">
              {text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export interface ViolationListProps {
  readonly outcome: Pick<BookingOutcome, 'violations' | 'warnings' | 'issues'>;
  readonly heading?: string;
  readonly testId?: string;
}

/**
 * A verdict's problems in words: field issues (with the field's name), rule violations (a red
 * triangle and the rule's name, then what clashes with what), warnings (an amber diamond). Each
 * rule is named once, its clashes listed under it (violation-text.ts, groupByRule: why the
 * engine sends one rule several times).
 */
export function ViolationList({ outcome, heading, testId = 'violations' }: ViolationListProps) {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const ctx = { t, timeZone: network?.timezone ?? 'Asia/Ho_Chi_Minh', siteName: (id: string) => siteNameOf(network, id) };
  const { violations, warnings, issues } = outcome;
  if (!violations.length && !warnings.length && !issues.length) return null;
  return (
    <div className="violations" data-testid={testId}>
      {heading && <p className="violations__heading">{heading}</p>}
      <ul>
        {issues.map((i, n) => (
          <li key={`i${n}`} className="violation" data-kind="issue" data-path={i.path} data-testid="violation">
            <SeverityGlyph severity="critical" label={t('schedule.verdict.problem')} size={11} />
            <span className="violation__rule">{issueField(i.path) ? t(`schedule.field.${issueField(i.path)}`, { defaultValue: i.path }) : i.path}</span>
            <span className="violation__text">{issueText(i.message, t)}</span>
          </li>
        ))}
        {groupByRule(violations as readonly RuleMessage[]).map((g) => (
          <RuleItem key={`v${g.rule}`} rule={g.rule} items={g.items} kind="violation" ctx={ctx} />
        ))}
        {groupByRule(warnings as readonly RuleMessage[]).map((g) => (
          <RuleItem key={`w${g.rule}`} rule={g.rule} items={g.items} kind="warning" ctx={ctx} />
        ))}
      </ul>
    </div>
  );
}
