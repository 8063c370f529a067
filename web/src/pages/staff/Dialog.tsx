// A modal dialog on the native <dialog>: showModal() gives the focus trap, the inert page
// behind and Esc for free; on close the focus goes back to the button that opened it. Every
// confirmation and edit form of the staff app uses this instead of prompt()/confirm().
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useMessages } from '../../i18n/messages.ts';
import { dialogMessages } from './dialog.messages.ts';

type DialogProps = { title: string; onClose: () => void; children: React.ReactNode; testId?: string };

/** Open while mounted: render it conditionally (`{editing && <Dialog …/>}`). */
export function Dialog({ title, onClose, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // Esc (the browser's cancel) and dialog.close() both end in 'close', which arrives as a later
    // task: one from a close() that was followed by showModal() again (a remount) is stale
    const closed = () => {
      if (!dialog.open) closeRef.current();
    };
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      // the opener may have been re-rendered away; then the focus stays where the browser puts it
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

type ActionProps = {
  title: string;
  /** the label of the button that does it, e.g. «Отключить» */
  action: string;
  danger?: boolean;
  onClose: () => void;
  /** does the thing; a thrown ApiError is shown in the dialog, which then stays open */
  onSubmit: () => Promise<void>;
  children: React.ReactNode;
  testId?: string;
};

/** A dialog whose body is a form: a confirmation (text only) or an edit (fields), with Cancel. */
export function ActionDialog({ title, action, danger, onClose, onSubmit, children, testId }: ActionProps) {
  const t = useMessages(dialogMessages);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await onSubmit();
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form onSubmit={submit}>
        {children}
        {error && <p className="error" role="alert">{error}</p>}
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>{t.cancel}</button>
          <button type="submit" className={danger ? 'danger-solid' : undefined} disabled={busy}>{busy ? t.busy : action}</button>
        </div>
      </form>
    </Dialog>
  );
}
