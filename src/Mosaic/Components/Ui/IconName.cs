namespace Mosaic.Components.Ui;

/// <summary>The icons an <see cref="IconButton"/> can show.</summary>
public enum IconName
{
    Like,
    Dislike,
    Comments,
    Reply,
    Close,
}

/// <summary>SVG path data for each icon, drawn on a 24-unit grid with a 2-unit round stroke (shapes after Feather, MIT).</summary>
public static class Icons
{
    public static string PathFor(IconName icon) => icon switch
    {
        IconName.Like => "M14 9V5a3 3 0 0 0-3-3l-4 9v11h11.28a2 2 0 0 0 2-1.7l1.38-9a2 2 0 0 0-2-2.3zM7 22H4a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2h3",
        IconName.Dislike => "M10 15v4a3 3 0 0 0 3 3l4-9V2H5.72a2 2 0 0 0-2 1.7l-1.38 9a2 2 0 0 0 2 2.3zm7-13h2.67A2.31 2.31 0 0 1 22 4v7a2.31 2.31 0 0 1-2.33 2H17",
        IconName.Comments => "M21 11.5a8.4 8.4 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.4 8.4 0 0 1-3.8-.9L3 21l1.9-5.7a8.4 8.4 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.4 8.4 0 0 1 3.8-.9h.5a8.5 8.5 0 0 1 8 8v.5z",
        IconName.Reply => "M9 14 4 9l5-5M20 20v-7a4 4 0 0 0-4-4H4",
        IconName.Close => "M18 6 6 18M6 6l12 12",
        _ => throw new ArgumentOutOfRangeException(nameof(icon), icon, null),
    };
}
