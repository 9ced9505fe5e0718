namespace Mosaic.Components.Ui;

/// <summary>What an <see cref="UploadDropzone"/> shows; upload.js moves it between these as the visitor acts.</summary>
public enum DropzoneState
{
    Empty,
    Dragging,
    Preview,
    Uploading,
    Error,
}
