import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'buildingLead.delete': { 'zh-CN': '撤销楼栋长/楼栋责任党员', 'en-US': 'Removed building lead' },
    'buildingLead.set': { 'zh-CN': '设置楼栋长/楼栋责任党员', 'en-US': 'Set building lead' },
    'buildingResponsible.delete': { 'zh-CN': '撤销楼栋责任党员', 'en-US': 'Removed building responsible party member' },
    'buildingResponsible.set': { 'zh-CN': '设置楼栋责任党员', 'en-US': 'Set building responsible party member' },
    'grid.create': { 'zh-CN': '新建网格', 'en-US': 'Created grid' },
    'grid.delete': { 'zh-CN': '删除网格', 'en-US': 'Deleted grid' },
    'grid.import': { 'zh-CN': '导入网格', 'en-US': 'Imported grids' },
    'grid.update': { 'zh-CN': '修改网格', 'en-US': 'Updated grid' },
    'gridWorker.assignHouseholds': { 'zh-CN': '分配联系户', 'en-US': 'Assigned households' },
    'gridWorker.create': { 'zh-CN': '新增网格员', 'en-US': 'Added grid worker' },
    'gridWorker.delete': { 'zh-CN': '删除网格员', 'en-US': 'Removed grid worker' },
    'gridWorker.unassignHousehold': { 'zh-CN': '取消联系户', 'en-US': 'Unassigned household' },
    'gridWorker.update': { 'zh-CN': '修改网格员', 'en-US': 'Updated grid worker' },
  },
  objects: {
    building: { 'zh-CN': '楼栋', 'en-US': 'Building' },
    grid: { 'zh-CN': '网格', 'en-US': 'Grid' },
    gridWorker: { 'zh-CN': '网格员', 'en-US': 'Grid worker' },
  },
};
