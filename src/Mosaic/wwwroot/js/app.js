// Entry module: attaches small behaviours to elements by data- attributes. No globals, no inline script.
import { attachThemeToggle } from "./theme.js";
import { attachCopyButtons } from "./copy.js";
import { attachUpload } from "./upload.js";
import { attachPostStatus } from "./post-status.js";

attachThemeToggle(document);
attachCopyButtons(document);
attachUpload(document);
attachPostStatus(document);
