export const STATUS_LABEL: Record<string, string> = {
  not_started: 'не начат',
  draft: 'черновик',
  submitted: 'отправлен',
  returned: 'возвращён на доработку',
  accepted: 'принят',
};
export const AUDIENCE_LABEL: Record<string, string> = { institution: 'отчёт организации', parents: 'опрос родителей', students: 'диагностика обучающихся' };
