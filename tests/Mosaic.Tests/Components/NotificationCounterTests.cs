using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.LocalizedComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class NotificationCounterTests
{
    [Theory]
    [InlineData(1, "1", "1 unread notification")]
    [InlineData(7, "7", "7 unread notifications")]
    [InlineData(99, "99", "99 unread notifications")]
    [InlineData(100, "99+", "100 unread notifications")]
    [InlineData(12345, "99+", "12345 unread notifications")]
    public async Task Shows_the_count_capped_and_says_it_in_full(int count, string shown, string spoken)
    {
        var rendered = await RenderAsync<NotificationCounter>((nameof(NotificationCounter.Count), count));

        var counter = rendered.Find("[data-notification-counter]");
        Assert.False(counter.HasAttribute("hidden"));
        Assert.Equal(shown, rendered.Find(".counter__value[aria-hidden='true']").TextContent);
        Assert.Equal(spoken, rendered.Find(".visually-hidden").TextContent);
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), counter.GetAttribute("data-count"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task Is_hidden_at_zero_but_still_there_for_live_updates(int count)
    {
        var rendered = await RenderAsync<NotificationCounter>((nameof(NotificationCounter.Count), count));

        var counter = rendered.Find("[data-notification-counter]");
        Assert.True(counter.HasAttribute("hidden"));
        Assert.Equal("0", counter.GetAttribute("data-count"));
    }

    [Fact]
    public async Task Takes_another_maximum_and_label()
    {
        var rendered = await RenderAsync<NotificationCounter>(
            (nameof(NotificationCounter.Count), 12), (nameof(NotificationCounter.Max), 9), (nameof(NotificationCounter.Label), "{0} unread messages"));

        Assert.Equal("9+", rendered.Find(".counter__value").TextContent);
        Assert.Equal("12 unread messages", rendered.Find(".visually-hidden").TextContent);
        Assert.Equal("9", rendered.Find("[data-notification-counter]").GetAttribute("data-max"));
    }
}
