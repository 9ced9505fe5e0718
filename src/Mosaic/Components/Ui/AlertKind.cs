namespace Mosaic.Components.Ui;

public enum AlertKind
{
    Info,
    Success,
    Warning,
    Error,
}
