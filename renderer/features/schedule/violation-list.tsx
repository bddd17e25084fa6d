import { useTranslation } from 'react-i18next';
import type { BookingOutcome } from '../../../shared/schedule/api.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { issueField } from './booking-form-model.js';
import { siteNameOf } from './schedule-words.js';
import { ruleTitle, violationText, type RuleMessage } from './violation-text.js';

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

export interface ViolationListProps {
  readonly outcome: Pick<BookingOutcome, 'violations' | 'warnings' | 'issues'>;
  readonly heading?: string;
  readonly testId?: string;
}

/**
 * A verdict's problems in words: field issues (with the field's name), rule violations (a red
 * triangle and the rule's name, then what clashes with what), warnings (an amber diamond).
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
        {violations.map((v, n) => (
          <li key={`v${n}`} className="violation" data-kind="violation" data-rule={v.rule} data-testid="violation">
            <SeverityGlyph severity="critical" label={t('schedule.verdict.problem')} size={11} />
            <span className="violation__rule">{ruleTitle(v.rule, t)}</span>
            <span className="violation__text">{violationText(v as RuleMessage, ctx)}</span>
          </li>
        ))}
        {warnings.map((w, n) => (
          <li key={`w${n}`} className="violation" data-kind="warning" data-rule={w.rule} data-testid="warning">
            <SeverityGlyph severity="warning" label={t('schedule.verdict.warning')} size={11} />
            <span className="violation__rule">{ruleTitle(w.rule, t)}</span>
            <span className="violation__text">{violationText(w as RuleMessage, ctx)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
