// The page's script (dist/web/app.js): defines <hnn-workbench> and <hnn-dipole-view>.
import { setDefaultDocument } from "../bindings/viz/index";
import "./workbench";
import "./dipoleView";

setDefaultDocument(document);
