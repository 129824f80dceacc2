import type { ThemeConfig } from 'antd';

/** Party-building red on antd defaults: restrained, readable, no decoration beyond the header band. */
export const PRIMARY = '#c8161d';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    colorInfo: '#1677ff',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: PRIMARY, headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f5f6f8' },
    Menu: { itemBorderRadius: 6 },
    Table: { headerBg: '#fafafa' },
  },
};
