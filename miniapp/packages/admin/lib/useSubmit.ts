import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { parseWith, type z } from '@gongzhi/shared';
import { failure, firstMessage, toMessages, type FieldMessages } from './forms';
import { withoutFields } from './field-messages';

/** Asks before a step that cannot be undone; the red button says what it does. */
export async function confirmDanger(title: string, content: string, confirmText: string): Promise<boolean> {
  const r = await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#D42A1F' });
  return r.confirm;
}

export interface Submit {
  /** Field messages by path without `body.` (`title`, `fields.0.label`). */
  errors: FieldMessages;
  /** The message above the form: the first problem, or the server's answer. */
  banner: string | null;
  setBanner: (message: string | null) => void;
  saving: boolean;
  /**
   * Checks a body with the endpoint's own schema, as the API will. On failure the fields are marked,
   * the banner names the first problem (not when `quiet`: a short sheet shows its fields only;
   * `adjust` may reword messages first) and the answer is null.
   */
  validate: <S extends z.ZodType>(
    schema: S,
    body: unknown,
    options?: { adjust?: (messages: FieldMessages) => void; quiet?: boolean },
  ) => z.output<S> | null;
  /**
   * Runs one save: ignored while another runs; messages clear when it starts. When it fails what was
   * typed stays and the server's message and field messages show. Resolves whether it went through.
   */
  send: (work: () => Promise<unknown>) => Promise<boolean>;
  /** Clears the messages (a sheet opened afresh). */
  reset: () => void;
  /**
   * A field was changed: its message goes (a key also clears its parts, `fields` → `fields.0.label`),
   * and the banner goes with the last message.
   */
  edited: (...keys: string[]) => void;
}

/** The submit side of an editor: its validation messages, the banner, and one save at a time. */
export function useSubmit(): Submit {
  const [errors, setErrorsState] = useState<FieldMessages>({});
  const current = useRef<FieldMessages>({});
  const setErrors = (next: FieldMessages) => {
    current.current = next;
    setErrorsState(next);
  };
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);

  const validate: Submit['validate'] = (schema, body, options = {}) => {
    const parsed = parseWith(schema, body, 'body');
    if (parsed.ok) return parsed.data;
    const messages = toMessages(parsed.fields);
    options.adjust?.(messages);
    setErrors(messages);
    if (!options.quiet) setBanner(`请检查标出的项目：${firstMessage(messages) ?? ''}`);
    return null;
  };

  const send: Submit['send'] = async (work) => {
    if (busy.current) return false;
    busy.current = true;
    setSaving(true);
    setErrors({});
    setBanner(null);
    try {
      await work();
      return true;
    } catch (e) {
      const f = failure(e);
      setErrors(f.fields);
      setBanner(f.message);
      return false;
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };

  const reset = () => {
    setErrors({});
    setBanner(null);
  };

  const edited: Submit['edited'] = (...keys) => {
    const before = current.current;
    const after = withoutFields(before, keys);
    if (after === before) return;
    setErrors(after);
    if (Object.keys(after).length === 0) setBanner(null);
  };

  return { errors, banner, setBanner, saving, validate, send, reset, edited };
}

type TextKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string;

/**
 * Binds a draft's text fields to TextField / AreaField: `{...bind('title')}` gives the value, the
 * typing and the field's message (`errorKey` when the API names the field differently).
 */
export function binder<D>(draft: D, set: (patch: Partial<D>) => void, errors: FieldMessages) {
  return (key: TextKeys<D>, errorKey: string = key) => ({
    value: draft[key] as string,
    onInput: (v: string) => set({ [key]: v } as Partial<D>),
    error: errors[errorKey],
  });
}
