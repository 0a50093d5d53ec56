"""StreamField blocks for lessons: the shapes red-flag training content takes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
INDICATOR_KINDS = [("labour", _("Labour")), ("sex", _("Sex")), ("both", _("Labour or sex"))]


class IndicatorBlock(blocks.StructBlock):
    sign = blocks.CharBlock(
        label=_("What you may see"), max_length=200, help_text=_("A short, observable sign.")
    )
    why = blocks.TextBlock(label=_("Why it matters"))
    kind = blocks.ChoiceBlock(
        label=_("Type of trafficking"),
        choices=INDICATOR_KINDS,
        default="both",
    )

    class Meta:
        icon = "flag"
        label = _("Indicator")


class IndicatorListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, default=_("Red flags"))
    items = blocks.ListBlock(IndicatorBlock(), label=_("Indicators"), min_num=1)

    class Meta:
        icon = "warning"
        label = _("Red-flag indicators")
        template = "courses/blocks/indicators.html"
        description = _("A list of signs, each with why it matters and the type of trafficking.")
        preview_value = {
            "heading": "What you may see",
            "items": [
                {
                    "sign": "Several people sleeping where they work",
                    "why": "Housing controlled by an employer can be used to control workers.",
                    "kind": "labour",
                }
            ],
        }


class ScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    situation = blocks.TextBlock(label=_("Situation"))
    question = blocks.TextBlock(label=_("Question to reflect on"))
    debrief = blocks.TextBlock(label=_("Debrief"))

    class Meta:
        icon = "help"
        label = _("Scenario")
        template = "courses/blocks/scenario.html"
        description = _("A situation, a question to think about, then a debrief.")
        preview_value = {
            "title": "Room 214",
            "situation": "A guest has refused housekeeping for six days.",
            "question": "What would you note, and whom would you tell?",
            "debrief": "Note what you saw and tell your supervisor; do not confront anyone.",
        }


class ReportCalloutBlock(blocks.StructBlock):
    """Whom to call, in order (courses/includes/how_to_report.html): 911, local law enforcement
    and the task force from the site's settings, the state line from the course's jurisdiction,
    and the national hotline, whose facts are fixed in the template."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, default=_("How to report"))
    note = blocks.TextBlock(
        label=_("Note for this workplace"),
        required=False,
        help_text=_("Optional, one or two sentences."),
    )

    class Meta:
        icon = "mail"
        label = _("How to report")
        template = "courses/blocks/report.html"
        description = _("911, local law enforcement, the state hotline, the task force and the "
                        "national hotline.")
        preview_value = {"heading": "How to report", "note": "Tell your supervisor, then call."}


class DoDontBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    dos = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Do"), min_num=1)
    donts = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Don't"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Do and don't")
        template = "courses/blocks/do_dont.html"
        description = _("Two lists side by side: what to do and what not to do.")
        preview_value = {
            "heading": "If you suspect trafficking",
            "dos": ["Note times, places and descriptions"],
            "donts": ["Confront anyone or try a rescue"],
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"
        description = _("An image with required alternative text.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(
        label=_("Transcript"), help_text=_("Required, so the lesson works without sound or video.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"
        description = _("An embedded video with a required transcript.")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("transcript", "").strip():
            raise StructBlockValidationError(
                block_errors={"transcript": ValidationError(_("A video needs a transcript."))}
            )
        return value


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        template="courses/blocks/text.html",
        icon="pilcrow",
        description=_("Paragraphs, subheadings and lists."),
        preview_value="<p>Trafficking is the use of force, fraud or coercion.</p>",
    )
    indicators = IndicatorListBlock()
    scenario = ScenarioBlock()
    report = ReportCalloutBlock()
    do_dont = DoDontBlock()
    image = ImageBlock()
    video = VideoBlock()
