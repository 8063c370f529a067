// A schema that also accepts null: the boundary's way of saying "no value" (JSON has no undefined).
import { Type } from 'typebox';

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
