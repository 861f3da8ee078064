-- Validated people rows, one per raw row, with their identity (contract §4: email,
-- else phone, else local:<org_id>:<person_id>). The later row wins for a person
-- within an org; rows of the org's own people files win over people derived from a
-- tool export. No parameters.
create temp table stage_people as
with raw as (
    select * from raw_people
),

checked as (
    select
        *,
        clean(person_id) as person_id_v,
        case
            when import_reject is not null then import_reject
            when blank(person_id) then 'missing required field: person_id'
            when bad_date(joined_on, day_first) then 'joined_on is not a valid date'
        end as reject_reason
    from raw
),

identified as (
    select
        *,
        coalesce(
            email_identity(email), phone_identity(phone), 'local:' || org_id || ':' || person_id_v
        ) as identity
    from checked
)

select
    file_seq, source_file, org_id, line, raw, reject_reason, derived,
    reject_reason is null and row_number() over (
        partition by org_id, identity, reject_reason is null
        order by derived, file_seq desc, line desc
    ) > 1 as is_duplicate,
    import_warning as warning,
    person_id_v as person_id,
    identity,
    clean(postal_code) as postal_code,
    lower(clean(language)) as language,
    cast(parse_ts(joined_on, day_first) as date) as joined_on
from identified;

-- person_id → identity within an org, for act rows that give only a person_id.
create temp table person_lookup as
select org_id, person_id, identity
from stage_people
where reject_reason is null
qualify row_number() over (
    partition by org_id, person_id order by derived, file_seq desc, line desc
) = 1;
