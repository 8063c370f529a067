// Errors with stable dotted codes. Services throw AppError; the one error handler in
// server/shared/error-handler.ts turns every error into { error: { code, message, details? } }.
export type ErrorDetail = { field?: string; code?: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, `${what}.not_found`, 'Не найдено');
export const forbidden = (message = 'Недостаточно прав для этого действия') => new AppError(403, 'auth.forbidden', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
