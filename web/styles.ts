/** The workbench's CSS (light DOM, scoped under the element's name). */
export const STYLES = `
hnn-workbench, hnn-dipole-view { display: block; font: 14px/1.35 system-ui, sans-serif; color: #1b1b1b; }
hnn-workbench .hnn-wb { max-width: 1260px; margin: 0 auto; padding: 6px; }
hnn-workbench header { display: flex; gap: 12px; align-items: center; }
hnn-workbench header .source { color: #555; flex: 1; }
hnn-workbench nav { display: flex; gap: 2px; border-bottom: 2px solid #446; margin-top: 6px; }
hnn-workbench nav button { border: none; border-radius: 4px 4px 0 0; padding: 6px 14px; background: #e6e6ee; cursor: pointer; }
hnn-workbench nav button[aria-selected="true"] { background: #446; color: white; }
hnn-workbench button, hnn-workbench .button { padding: 3px 9px; border: 1px solid #889; border-radius: 4px; background: #f4f4f8; cursor: pointer; font: inherit; }
hnn-workbench button[aria-pressed="true"] { background: #446; color: white; }
hnn-workbench button.primary { background: #2d6a3e; color: white; border-color: #2d6a3e; }
hnn-workbench button:focus-visible, hnn-workbench input:focus-visible, hnn-workbench select:focus-visible { outline: 2px solid #d60; }
hnn-workbench .status { margin: 4px 0; min-height: 1.3em; color: #333; }
hnn-workbench .status.error, hnn-workbench .field-error { color: #b00; }
hnn-workbench .field-error { display: block; font-size: 12px; max-width: 30em; }
hnn-workbench .columns { display: grid; grid-template-columns: 330px 1fr; gap: 10px; }
hnn-workbench fieldset { border: 1px solid #ccd; border-radius: 4px; margin: 0 0 6px; padding: 4px 8px; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: end; }
hnn-workbench .field { display: inline-flex; flex-direction: column; font-size: 12px; }
hnn-workbench .field input { width: 7em; }
hnn-workbench .check { font-size: 12px; }
hnn-workbench .run, hnn-workbench .runs { display: flex; gap: 8px; align-items: center; margin: 6px 0; flex-wrap: wrap; }
hnn-workbench progress { flex: 1; }
hnn-workbench .figure { margin: 0; }
hnn-workbench .figure svg, hnn-dipole-view svg { max-width: 100%; height: auto; }
hnn-workbench .figure.empty { color: #777; padding: 30px; border: 1px dashed #bbb; text-align: center; }
hnn-workbench .grid { display: grid; gap: 8px; }
hnn-workbench .grid.fit { height: calc(100vh - 150px); min-height: 360px; }
hnn-workbench .grid.fit .panel { display: flex; flex-direction: column; align-items: flex-start; min-height: 0; }
hnn-workbench .grid.fit .panel > .figure { align-self: stretch; }
hnn-workbench .grid.fit .figure { flex: 1; min-height: 0; display: flex; flex-direction: column; }
hnn-workbench .grid.fit .figure svg { flex: 1; min-height: 0; width: 100%; height: 100%; }
hnn-workbench .grid.fit figcaption { display: flex; gap: 6px; }
hnn-workbench .grid.fit .figure.empty { overflow: auto; }
hnn-workbench .table-wrap { max-height: 430px; overflow: auto; }
hnn-workbench table { border-collapse: collapse; font-size: 12px; }
hnn-workbench td, hnn-workbench th { border-bottom: 1px solid #dde; padding: 1px 4px; text-align: left; }
hnn-workbench td .field { font-size: 0; }
hnn-workbench td .field input { font-size: 12px; width: 6.5em; }
hnn-workbench .drives { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 6px; max-height: 560px; overflow: auto; }
hnn-workbench .weights { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; }
hnn-workbench .opt-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 8px; }
hnn-workbench .opt-params { max-height: 360px; }
`;
