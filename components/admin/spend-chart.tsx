import type { SpendReport } from '@/lib/budget/report';
import { getFormatter, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/i18n/money';

/** A colour per person, the same on the bars and in the legend (and readable on dark and light). */
const PALETTE = ['#6366f1', '#ec4899', '#14b8a6', '#f59e0b', '#8b5cf6', '#ef4444', '#0ea5e9', '#84cc16', '#f97316', '#64748b'];
export const colourOf = (index: number) => PALETTE[index % PALETTE.length]!;

/**
 * Spend per day as stacked bars, one colour per person, with the team's daily cap drawn
 * across when there is one. Plain SVG drawn on the server: nothing to load, and each
 * bar segment carries a tooltip naming the person, the day and the amount.
 */
export async function SpendChart({ report }: { report: SpendReport }) {
  const words = await getTranslations('admin.chart');
  const format = await getFormatter();
  const formatUsd = (usd: number) => formatMoney(format, usd);
  const width = 720;
  const height = 240;
  const pad = { left: 52, right: 12, top: 12, bottom: 28 };
  const cap = report.limits.team_daily_usd;
  // Scaled to what was spent, so small days stay readable; the cap is drawn when it is in range.
  const top = Math.max(0.01, ...report.team_by_day) * 1.15;
  const capInRange = cap !== null && cap <= top;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / report.days.length;
  const barW = Math.max(2, slot * 0.7);
  const y = (usd: number) => pad.top + plotH - (usd / top) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const labelEvery = Math.ceil(report.days.length / 10);

  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={words('label', { days: report.days.length })} className="w-full max-w-4xl text-zinc-500 dark:text-zinc-400" data-testid="spend-chart">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="currentColor" strokeOpacity={0.2} />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" fontSize={10} fill="currentColor">{formatUsd(t)}</text>
          </g>
        ))}
        {report.days.map((day, i) => {
          let base = 0;
          const x = pad.left + i * slot + (slot - barW) / 2;
          return (
            <g key={day}>
              {report.people.map((person, p) => {
                const usd = report.usd[person]![i]!;
                if (usd <= 0) return null;
                const y0 = y(base);
                base += usd;
                return (
                  <rect key={person} x={x} y={y(base)} width={barW} height={Math.max(1, y0 - y(base))} fill={colourOf(p)} data-person={person} data-day={day}>
                    <title>{words('bar', { person, day, usd: formatUsd(usd), count: report.requests[person]![i]! })}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && (
                <text x={x + barW / 2} y={height - 10} textAnchor="middle" fontSize={10} fill="currentColor">{day.slice(5)}</text>
              )}
            </g>
          );
        })}
        {capInRange && (
          <g>
            <line x1={pad.left} x2={width - pad.right} y1={y(cap!)} y2={y(cap!)} stroke="#ef4444" strokeDasharray="6 4" />
            <text x={width - pad.right} y={y(cap!) - 4} textAnchor="end" fontSize={10} fill="#ef4444">{words('cap', { usd: formatUsd(cap!) })}</text>
          </g>
        )}
      </svg>
      <figcaption className="flex flex-wrap gap-3 text-xs">
        {report.people.map((person, p) => (
          <span key={person} className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: colourOf(p) }} />
            {person}
          </span>
        ))}
        {cap !== null && !capInRange && <span className="text-zinc-500 dark:text-zinc-400">{words('capAbove', { usd: formatUsd(cap) })}</span>}
      </figcaption>
    </figure>
  );
}
