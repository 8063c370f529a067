// Small-cell suppression: a survey-based value resting on fewer than 5 respondents is withheld,
// and where a withheld cell could be recovered by subtracting its siblings from their parent
// total, the smallest other sibling is withheld too.
export const MIN_RESPONDENTS = 5;

export type Cell = { n: number | null; withheld: boolean; reason?: string };

export function primarySuppression(cell: Cell): Cell {
  if (cell.n !== null && cell.n > 0 && cell.n < MIN_RESPONDENTS) return { ...cell, withheld: true, reason: `n < ${MIN_RESPONDENTS}` };
  return cell;
}

/** Children of one shown parent total; mutates `withheld` on a sibling where needed. */
export function complementarySuppression(children: Cell[]): void {
  const withheld = children.filter((c) => c.withheld);
  if (withheld.length !== 1) return;
  const candidates = children.filter((c) => !c.withheld && c.n !== null && c.n > 0).sort((a, b) => a.n! - b.n!);
  if (candidates[0]) {
    candidates[0].withheld = true;
    candidates[0].reason = 'скрыто, чтобы нельзя было вычислить скрытое значение';
  }
}
