import type { HealthReportInput } from '../../shared/reports/health-report-api.js';
import type { AvailabilityGrouping } from '../../shared/history/history-api.js';
import type { RollupMetric as RollupMetricName } from '../../shared/history/histogram.js';
import { apiHolder } from '../api/api-holder.js';

/** The link-health history requests, for the Health view. */
const holder = apiHolder();

export const setHealthApi = holder.set;
export const getAvailability = (from: string, to: string, groupBy: AvailabilityGrouping, workingHours: boolean) => holder.ask((api) => api.call('getAvailability', { from, to, groupBy, workingHours }));
export const getHistory = (endpointId: string, metric: RollupMetricName, from: string, to: string) => holder.ask((api) => api.call('getHistory', { endpointId, metric, from, to }));
export const getHealthReport = (input: HealthReportInput) => holder.ask((api) => api.call('getHealthReport', input));
