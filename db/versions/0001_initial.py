"""initial schema: the whole workshop event

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('workshops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('city', sa.String(length=120), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('organisers', sa.Text(), nullable=False),
    sa.Column('context', sa.Text(), nullable=False),
    sa.Column('objectives', sa.Text(), nullable=False),
    sa.Column('expected_results', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_workshops_dates_in_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops')),
    sa.UniqueConstraint('slug', name=op.f('uq_workshops_slug'))
    )
    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('speakers', sa.Text(), nullable=False),
    sa.Column('planned_start', sa.Time(), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('fixed', sa.Boolean(), nullable=False),
    sa.Column('actual_start', sa.DateTime(), nullable=True),
    sa.Column('actual_end', sa.DateTime(), nullable=True),
    sa.CheckConstraint('duration_minutes >= 0', name=op.f('ck_agenda_items_duration')),
    sa.ForeignKeyConstraint(['parent_id'], ['agenda_items.id'], name=op.f('fk_agenda_items_parent_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_agenda_items_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('group_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=True),
    sa.Column('present_only', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_group_rounds_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_rounds')),
    sa.UniqueConstraint('workshop_id', 'name', name=op.f('uq_group_rounds_workshop_id'))
    )
    with op.batch_alter_table('group_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_rounds_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_organisations_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('workshop_id', 'name_key', name=op.f('uq_organisations_workshop_id'))
    )
    op.create_table('participant_types',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('colour', sa.String(length=9), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_participant_types_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_types')),
    sa.UniqueConstraint('workshop_id', 'key', name=op.f('uq_participant_types_workshop_id'))
    )
    with op.batch_alter_table('participant_types', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_types_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('recommendations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('rec_type', sa.String(length=40), nullable=True),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('horizon', sa.String(length=40), nullable=True),
    sa.Column('priority', sa.Integer(), nullable=True),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.Column('kept', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_recommendations_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendations'))
    )
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendations_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_revisions_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions'))
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revisions_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_days_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_days')),
    sa.UniqueConstraint('workshop_id', 'date', name=op.f('uq_workshop_days_workshop_id'))
    )
    op.create_table('agenda_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_agenda_notes_agenda_item_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_notes')),
    sa.UniqueConstraint('agenda_item_id', name=op.f('uq_agenda_notes_agenda_item_id'))
    )
    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=150), nullable=False),
    sa.Column('last_name', sa.String(length=150), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('function', sa.String(length=300), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=True),
    sa.Column('gender', sa.String(length=1), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('phone', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('email_key', sa.String(length=320), nullable=False),
    sa.Column('badge_token', sa.String(length=40), nullable=False),
    sa.Column('badge_printed_at', sa.DateTime(), nullable=True),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("gender IN ('F', 'M') OR gender IS NULL", name=op.f('ck_participants_gender')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_participants_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['type_id'], ['participant_types.id'], name=op.f('fk_participants_type_id_participant_types'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_participants_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('badge_token', name=op.f('uq_participants_badge_token'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_email_key'), ['email_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_type_id'), ['type_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('run_of_show_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('seconds', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_run_of_show_events_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_run_of_show_events_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_of_show_events'))
    )
    with op.batch_alter_table('run_of_show_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_run_of_show_events_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('run_of_show_state',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('paused_at', sa.DateTime(), nullable=True),
    sa.Column('paused_seconds', sa.Integer(), nullable=False),
    sa.Column('extra_seconds', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_run_of_show_state_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_run_of_show_state_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workshop_id', name=op.f('pk_run_of_show_state'))
    )
    op.create_table('checkins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(), nullable=False),
    sa.Column('desk', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_checkins_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkins')),
    sa.UniqueConstraint('participant_id', 'day', name=op.f('uq_checkins_participant_id'))
    )
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkins_participant_id'), ['participant_id'], unique=False)

    op.create_table('groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.Text(), nullable=False),
    sa.Column('room', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('rapporteur_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['moderator_id'], ['participants.id'], name=op.f('fk_groups_moderator_id_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['rapporteur_id'], ['participants.id'], name=op.f('fk_groups_rapporteur_id_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['group_rounds.id'], name=op.f('fk_groups_round_id_group_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_groups'))
    )
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_groups_round_id'), ['round_id'], unique=False)

    op.create_table('keep_apart',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('second_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['first_id'], ['participants.id'], name=op.f('fk_keep_apart_first_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['second_id'], ['participants.id'], name=op.f('fk_keep_apart_second_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_keep_apart_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_keep_apart')),
    sa.UniqueConstraint('workshop_id', 'first_id', 'second_id', name=op.f('uq_keep_apart_workshop_id'))
    )
    op.create_table('group_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_group_members_group_id_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_group_members_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['group_rounds.id'], name=op.f('fk_group_members_round_id_group_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_members')),
    sa.UniqueConstraint('round_id', 'participant_id', name=op.f('uq_group_members_round_id'))
    )
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_members_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_members_participant_id'), ['participant_id'], unique=False)

    op.create_table('restitution_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('rec_type', sa.String(length=40), nullable=True),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('horizon', sa.String(length=40), nullable=True),
    sa.Column('priority', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_restitution_items_group_id_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_restitution_items'))
    )
    with op.batch_alter_table('restitution_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_restitution_items_group_id'), ['group_id'], unique=False)

    op.create_table('restitutions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('rapporteur', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_restitutions_group_id_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_restitutions')),
    sa.UniqueConstraint('group_id', name=op.f('uq_restitutions_group_id'))
    )
    op.create_table('recommendation_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_recommendation_sources_group_id_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['restitution_items.id'], name=op.f('fk_recommendation_sources_item_id_restitution_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendations.id'], name=op.f('fk_recommendation_sources_recommendation_id_recommendations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation_sources'))
    )
    with op.batch_alter_table('recommendation_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_sources_recommendation_id'), ['recommendation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('recommendation_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_sources_recommendation_id'))

    op.drop_table('recommendation_sources')
    op.drop_table('restitutions')
    with op.batch_alter_table('restitution_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_restitution_items_group_id'))

    op.drop_table('restitution_items')
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_members_participant_id'))
        batch_op.drop_index(batch_op.f('ix_group_members_group_id'))

    op.drop_table('group_members')
    op.drop_table('keep_apart')
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_groups_round_id'))

    op.drop_table('groups')
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkins_participant_id'))

    op.drop_table('checkins')
    op.drop_table('run_of_show_state')
    with op.batch_alter_table('run_of_show_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_run_of_show_events_workshop_id'))

    op.drop_table('run_of_show_events')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_participants_type_id'))
        batch_op.drop_index(batch_op.f('ix_participants_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_participants_name_key'))
        batch_op.drop_index(batch_op.f('ix_participants_email_key'))

    op.drop_table('participants')
    op.drop_table('agenda_notes')
    op.drop_table('workshop_days')
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revisions_workshop_id'))

    op.drop_table('revisions')
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendations_workshop_id'))

    op.drop_table('recommendations')
    with op.batch_alter_table('participant_types', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_types_workshop_id'))

    op.drop_table('participant_types')
    op.drop_table('organisations')
    with op.batch_alter_table('group_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_rounds_workshop_id'))

    op.drop_table('group_rounds')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_parent_id'))

    op.drop_table('agenda_items')
    op.drop_table('workshops')
