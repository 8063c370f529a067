import { describe, expect, it } from 'vitest';
import { Model } from 'survey-core';
import { checkForm } from '../../forms/generator/form.check.ts';
import { addQuestion, checksOf, move, questions, remove, reword, setChecks, setChoices } from '../../web/src/pages/dept/form-edit.ts';

const form = {
  pages: [
    { name: 'p1', elements: [{ type: 'panel', name: 'panel', elements: [
      { type: 'text', inputType: 'number', name: 'pupils', title: 'Обучающиеся', isRequired: true, min: 0, validators: [{ type: 'numeric', minValue: 0 }] },
      { type: 'radiogroup', name: 'grade', title: 'Класс', choices: ['5', '6'] },
    ] }] },
    { name: 'p2', elements: [{ type: 'comment', name: 'note', title: 'Комментарий' }] },
  ],
};

describe('form builder edits', () => {
  it('rewords, reorders, edits choices and removes questions without touching the rest', () => {
    let json = reword(form, 'pupils', 'Сколько обучающихся?');
    json = move(json, 'grade', -1);
    json = setChoices(json, 'grade', ['5', '6', '7', '']);
    json = remove(json, 'note');
    expect(questions(json).map((q) => [q.name, q.title])).toEqual([['grade', 'Класс'], ['pupils', 'Сколько обучающихся?']]);
    expect(new Model(json).getQuestionByName('grade').choices.map((c: { value: string }) => c.value)).toEqual(['5', '6', '7']);
    expect(json.pages).toHaveLength(1); // the emptied page goes too
    expect(questions(form)).toHaveLength(3); // the original is untouched
  });

  it('edits the checks: required and a number range that the form then enforces', () => {
    const json = setChecks(setChecks(form, 'pupils', { max: 2000 }), 'pupils', { required: false });
    expect(checksOf(json, 'pupils')).toEqual({ required: false, number: true, min: 0, max: 2000 });
    expect(checkForm(json)).toEqual([]);
    const model = new Model(json);
    model.setValue('pupils', 2500);
    expect(model.getQuestionByName('pupils').validate()).toBe(false);
    model.setValue('pupils', 1500);
    expect(model.getQuestionByName('pupils').validate()).toBe(true);
  });

  it('adds a free-text question with a fresh name', () => {
    const json = addQuestion(addQuestion(form, 'Что улучшить?'), 'Ещё вопрос');
    expect(questions(json).slice(-2).map((q) => q.name)).toEqual(['extra_1', 'extra_2']);
    expect(checkForm(json)).toEqual([]);
  });
});
