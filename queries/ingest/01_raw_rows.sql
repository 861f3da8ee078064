-- Every data row of every readable file, as text, before any rule is applied.
-- Grain: one row per source row, plus the rows a tool export implies for other tables
-- (`derived`: people and events of a Mobilize export, say), which are not the file's
-- own rows and so never count in its accounting. Columns: the union of the contract's
-- columns. Parameters: none.
-- The rows themselves stay in Arrow (load.py), one Arrow table per canonical table, and
-- are read through the views raw_<table> (raw_people, raw_attendance, ...: one scan per
-- table instead of an insert per file); this empty table fixes the columns and their types.
create temp table raw_rows_columns (
    table_name varchar,
    file_seq integer,
    source_file varchar,
    org_id varchar,
    line bigint,
    day_first boolean,
    raw varchar,
    derived boolean default false,
    -- set by a tool's importer (contract §5): a reason checked before every other rule,
    -- a warning for ingest_files.message, the end of the "event_id not found" reason
    import_reject varchar,
    import_warning varchar,
    missing_event_hint varchar,
    -- organizations, campaigns, milestones
    name varchar, kind varchar, region varchar, joined_on varchar,
    campaign_id varchar, lead_org varchar, partner_orgs varchar,
    start_date varchar, end_date varchar, goal_metric varchar, goal_value varchar,
    status varchar, outcome_date varchar, outcome_note varchar,
    milestone_date varchar, title varchar, achieved varchar,
    -- people and identities
    person_id varchar, email varchar, phone varchar, first_name varchar, last_name varchar,
    postal_code varchar, language varchar,
    -- events and attendance
    event_id varchar, event_type varchar, starts_at varchar, ends_at varchar,
    co_hosts varchar, turnout_goal varchar, is_virtual varchar,
    rsvp_at varchar, role varchar, recruited_by varchar,
    -- shifts and actions
    shift_id varchar, shift_date varchar, hours varchar, activity varchar,
    action_id varchar, action_date varchar, action_type varchar, quantity varchar
);

-- Lines that could not be split into fields, and rows of refused files.
create temp table file_rejects (
    source_file varchar,
    org_id varchar,
    table_name varchar,
    line bigint,
    reason varchar,
    raw varchar
);

create temp table vocabulary (field varchar, value_written varchar, canonical varchar);

-- rejected_rows.raw, made after the rules ran for the rows they rejected (load.py).
create temp table reject_payloads (source_file varchar, line bigint, raw varchar);
