-- Helpers shared by the staging queries: blank tests, date/number/boolean parsing
-- and the identity rules of contract §4. No parameters; run once per ingest.
create or replace temp macro clean(v) as nullif(trim(v), '');

create or replace temp macro blank(v) as clean(v) is null;

-- Lower-case, trimmed, inner spaces and hyphens as underscores: "Phone Bank" = phone_bank.
create or replace temp macro token(v) as regexp_replace(lower(trim(v)), '[\s\-]+', '_', 'g');

create or replace temp macro split_list(v) as
    list_filter(list_transform(string_split(coalesce(v, ''), ';'), lambda x: trim(x)), lambda x: x <> '');

-- Dates are read as written: a trailing UTC offset is dropped, never applied.
create or replace temp macro strip_offset(v) as
    regexp_replace(trim(v), '([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)\s*(Z|[+-]\d{2}(:?\d{2})?)$', '\1');

-- ISO 8601 (offset already stripped) through the fast cast; nothing else reaches it.
create or replace temp macro iso_ts(s) as
    case when regexp_full_match(s, '\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?')
        then try_cast(replace(s, 'T', ' ') as timestamp) end;

-- ISO forms, then the US spreadsheet forms (or day-first ones where the org's mapping
-- says so). The list_transform binds the stripped text once instead of once per use.
create or replace temp macro parse_ts(v, day_first) as
    case
        -- Most values are plain ISO text, which the fast cast reads as written.
        when regexp_full_match(v, '\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?')
            then try_cast(replace(v, 'T', ' ') as timestamp)
        when blank(v) or not regexp_matches(trim(v), '^\d') then null
        else list_transform([strip_offset(v)], lambda s: coalesce(
            iso_ts(s),
            case
                when day_first then try_strptime(s, [
                    '%d/%m/%y', '%d/%m/%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S',
                    '%d/%m/%Y %I:%M %p', '%d/%m/%Y %I:%M%p', '%d.%m.%Y', '%d.%m.%Y %H:%M'])
                else try_strptime(s, [
                    '%m/%d/%y', '%m/%d/%Y', '%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S',
                    '%m/%d/%Y %I:%M %p', '%m/%d/%Y %I:%M%p', '%m/%d/%Y %I:%M:%S %p',
                    '%m/%d/%y %I:%M %p', '%m/%d/%y %H:%M'])
            end
        ))[1]
    end;

create or replace temp macro bad_date(v, day_first) as not blank(v) and parse_ts(v, day_first) is null;

create or replace temp macro parse_bool(v) as
    case
        when lower(trim(v)) in ('true', 'yes', 'y', '1') then true
        when lower(trim(v)) in ('false', 'no', 'n', '0') then false
    end;

create or replace temp macro bad_bool(v) as not blank(v) and parse_bool(v) is null;

create or replace temp macro parse_number(v) as
    case when isfinite(try_cast(trim(v) as double)) then try_cast(trim(v) as double) end;

create or replace temp macro bad_number(v) as not blank(v) and parse_number(v) is null;

create or replace temp macro email_identity(email) as
    case when contains(trim(email), '@') then 'email:' || lower(trim(email)) end;

create or replace temp macro phone_digits(phone) as regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g');

-- The list binds the digits once, and only rows that reach it pay for the regex.
create or replace temp macro phone_identity(phone) as
    list_transform([phone_digits(phone)], lambda digits: case
        when length(digits) = 10 then 'phone:1' || digits
        when length(digits) > 10 then 'phone:' || digits
    end)[1];
