// Entry module: attaches small behaviours to elements by data- attributes. No globals, no inline script.
import { attachThemeToggle } from "./theme.js";
import { attachCopyButtons } from "./copy.js";
import { attachUpload } from "./upload.js";
import { attachPostStatus } from "./post-status.js";
import { attachPreferences } from "./preferences.js";
import { attachBoardCustomize } from "./board-customize.js";
import { attachTagAutocomplete, attachTooltips } from "./tags.js";
import { attachModalDialogs } from "./modal.js";
import { attachDropdowns } from "./dropdown.js";
import { attachAlbumPickers } from "./albums.js";
import { attachVotes } from "./votes.js";
import { attachCommentsOverlay } from "./comments.js";

attachThemeToggle(document);
attachCopyButtons(document);
attachUpload(document);
attachPostStatus(document);
attachTagAutocomplete(document);
attachTooltips(document);
attachPreferences(document);
attachBoardCustomize(document);
attachModalDialogs(document);
attachDropdowns(document);
attachAlbumPickers(document);
attachVotes(document);
attachCommentsOverlay(document);
