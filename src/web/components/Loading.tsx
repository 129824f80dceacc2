import { Spin } from 'antd';
import { Suspense, type ReactNode } from 'react';

/** Centered spinner while a page chunk or the session loads. */
export function PageSpin({ full = false }: { full?: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        minHeight: full ? '100vh' : 320,
      }}
    >
      <Spin size="large" />
    </div>
  );
}

export function Lazy({ children, full = false }: { children: ReactNode; full?: boolean }) {
  return <Suspense fallback={<PageSpin full={full} />}>{children}</Suspense>;
}
