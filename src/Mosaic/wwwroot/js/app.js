// Entry module: attaches small behaviours to elements by data- attributes. No globals, no inline script.
import { attachThemeToggle } from "./theme.js";
import { attachCopyButtons } from "./copy.js";

attachThemeToggle(document);
attachCopyButtons(document);
