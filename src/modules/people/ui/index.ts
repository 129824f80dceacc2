/** What other modules' pages may use of people's UI: the ledger's import/export buttons and the permission hook. */
export { ExportButton, ImportButton } from './ledger';
