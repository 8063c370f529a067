import { defineMessages } from '../../i18n/messages.ts';

export const importsMessages = defineMessages(
  {
    title: 'Импорт значений',
    introBefore: 'Файл CSV (разделитель «;» или «,») или XLSX — выгрузка из региональной системы. Столбцы: ',
    columns: 'код ОО; переменная; период; начало периода; значение',
    introAfter: '. Если хоть одна строка с ошибкой, файл не загружается целиком, а вы получаете список строк для исправления.',
    file: 'Файл',
    reading: (name: string, kilobytes: number) => `Чтение файла «${name}» (${kilobytes} КБ)…`,
    checking: 'Проверка и загрузка строк…',
    loaded: (rows: number, name: string) => `Загружено строк: ${rows} из файла «${name}».`,
    colWhere: 'Где',
    colProblem: 'Что не так',
  },
  {
    title: 'Import values',
    introBefore: 'A CSV file (separated by “;” or “,”) or an XLSX file exported from the regional system. Columns: ',
    // the server accepts these English headers as well as the Russian ones
    columns: 'institution_code; variable; period; period_start; value',
    introAfter: '. If any row has an error, nothing from the file is loaded and you get a list of the rows to correct.',
    file: 'File',
    reading: (name: string, kilobytes: number) => `Reading “${name}” (${kilobytes} KB)…`,
    checking: 'Checking and loading rows…',
    loaded: (rows: number, name: string) => `Rows loaded: ${rows} from “${name}”.`,
    colWhere: 'Where',
    colProblem: 'Problem',
  },
);
