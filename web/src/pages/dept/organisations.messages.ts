import { defineMessages } from '../../i18n/messages.ts';

export const organisationsMessages = defineMessages(
  {
    title: 'Организации',
    colName: 'Наименование',
    colCode: 'Код',
    colLevel: 'Уровень',
    colKind: 'Вид',
    colSettlement: 'Местность',
    colParent: 'Входит в',
    colTimeZone: 'Часовой пояс',
    /** Levels of the hierarchy as this page names them (the root is "the whole system"). */
    level: { root: 'вся система', region: 'регион', municipality: 'муниципалитет', institution: 'организация' } as Record<string, string>,
    /** Kinds of institution by their Russian abbreviations, as in the department's lists. */
    kind: { school: 'ОО (школа)', kindergarten: 'ДОО', supplementary: 'УДО' } as Record<string, string>,
    addTitle: 'Добавить организацию',
    municipality: 'Муниципалитет',
    add: 'Добавить',
    added: (name: string) => `Добавлена: ${name}`,
    notAdded: 'Не добавлено',
    importTitle: 'Импорт списка организаций (CSV)',
    importHint: 'Столбцы: код; наименование; вид (ОО, ДОО, УДО); тип; местность. Файл с ошибками не загружается целиком.',
    file: 'Файл',
    imported: (n: number) => `Импортировано организаций: ${n}`,
  },
  {
    title: 'Organisations',
    colName: 'Name',
    colCode: 'Code',
    colLevel: 'Level',
    colKind: 'Kind',
    colSettlement: 'Locality',
    colParent: 'Part of',
    colTimeZone: 'Time zone',
    level: { root: 'whole system', region: 'region', municipality: 'municipality', institution: 'institution' },
    kind: { school: 'school', kindergarten: 'kindergarten', supplementary: 'supplementary education' },
    addTitle: 'Add an institution',
    municipality: 'Municipality',
    add: 'Add',
    added: (name: string) => `Added: ${name}`,
    notAdded: 'Not added',
    importTitle: 'Import a list of institutions (CSV)',
    // the server accepts these English headers and values as well as the Russian ones
    importHint: 'Columns: code; name; kind (school, kindergarten, supplementary); type; settlement (urban, rural). A file with errors is not loaded at all.',
    file: 'File',
    imported: (n: number) => `Institutions imported: ${n}`,
  },
);
