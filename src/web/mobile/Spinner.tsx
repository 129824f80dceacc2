import { DotLoading } from 'antd-mobile';

/** The resident pages' loading indicator (centred dots). */
export const Spinner = () => (
  <div className="gzm-center">
    <DotLoading color="primary" />
  </div>
);
