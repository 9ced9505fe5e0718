using System.Resources;

[assembly: NeutralResourcesLanguage("en")]

namespace Mosaic.Resources;

// Each type names one resource file beside it: IStringLocalizer<BoardStrings> reads Resources/BoardStrings.resx
// (English, built into mosaic.dll) and, for another language, Resources/BoardStrings.<culture>.resx.

/// <summary>The board (home page): its customization toggle and filters.</summary>
public sealed class BoardStrings;

/// <summary>The preferences page, the theme picker and the preferences API's validation messages.</summary>
public sealed class PreferencesStrings;

/// <summary>The upload page.</summary>
public sealed class UploadStrings;

/// <summary>Text owned by components of the library in Components/Ui.</summary>
public sealed class UiStrings;

/// <summary>The site header and footer (Components/Layout).</summary>
public sealed class LayoutStrings;
