"""Give every proposal already approved or live a transparency record (and so a public
reference), as the lifecycle does when a proposal is first published. Before this
release a stage could be set in the admin site, so such proposals may exist."""

import secrets

from django.db import migrations

PUBLISHED = ("approved", "approved_with_conditions", "live", "review_due")


def make_records(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    TransparencyRecord = apps.get_model("publication", "TransparencyRecord")
    for proposal in Proposal.objects.filter(stage__in=PUBLISHED, transparency_record__isnull=True):
        TransparencyRecord.objects.create(proposal=proposal, reference=secrets.token_hex(5))


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]

    operations = [migrations.RunPython(make_records, migrations.RunPython.noop)]
