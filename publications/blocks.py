"""StreamField blocks shared by every publication page.

No embeds: a video is a plain link, so no third-party player (and no third-party
request or script) ever reaches a reader's browser, and the strict CSP stays intact."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "publications/blocks/figure.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "publications/blocks/document.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "publications/blocks/quote.html"


class VideoLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("video address"), help_text=_("Shown as a link, never embedded."))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    duration = blocks.CharBlock(
        label=_("duration"), required=False, max_length=20, help_text=_("For example 12:30.")
    )

    def clean(self, value):
        value = super().clean(value)
        if not value["url"].lower().startswith("https://"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Use an https:// address."))}
            )
        return value

    class Meta:
        icon = "media"
        label = _("Video link")
        template = "publications/blocks/video_link.html"


class TableBlock(TypedTableBlock):
    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock(label=_("text"), required=False)),
                ("number", blocks.DecimalBlock(label=_("number"), required=False)),
                ("date", blocks.DateBlock(label=_("date"), required=False)),
            ],
            **kwargs,
        )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "publications/blocks/table.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = FigureBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    video = VideoLinkBlock()
    table = TableBlock()
