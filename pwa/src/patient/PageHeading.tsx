import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

let firstPage = true;

/**
 * A page's h2. After switching pages, focus moves here so keyboard and screen-reader users start at
 * the new content instead of the tab they pressed; on the first page, focus stays where the browser put it.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <h2 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h2>
  );
}
