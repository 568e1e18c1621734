import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { errorDetails, errorMessage } from './errors';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal <dialog>: the browser traps focus, Escape closes it, and the page behind is inert, so a
 * keyboard shortcut cannot act on the waiting list while a confirmation is open. Mounted = open.
 */
export function Dialog({ title, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/**
 * Errors inside forms and dialogs: the API's sentence, then its per-field details. It takes the error
 * itself, worded at each render, so it follows a language switch. `null` shows nothing.
 */
export function ErrorText({ error }: { error: unknown }) {
  if (error === null) return null;
  const details = errorDetails(error);
  return (
    <div role="alert" className="error">
      <p>{errorMessage(error)}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
