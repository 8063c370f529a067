// The time source every service asks; tests move it to check deadlines and schedules.
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

export function manualClock(start: Date | string) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (to: Date | string) => void (current = new Date(to)),
    advance: (ms: number) => void (current = new Date(current.getTime() + ms)),
  };
}
