namespace Mosaic.Components.Ui;

/// <summary>One choice of a <see cref="RadioGroup"/>; <paramref name="Description"/> is shown under its label.</summary>
public sealed record RadioOption(string Value, string Label, string? Description = null);
