namespace Mosaic.Components.Ui;

public enum ButtonVariant
{
    Primary,
    Secondary,
    Ghost,
    Danger,
}
