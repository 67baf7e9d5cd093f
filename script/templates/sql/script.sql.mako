## The layout sqlfile.Format writes, so generated and hand-written files match.
% for line in (message.strip().split("\n") if message.strip() else [""]):
${"-- " + line.rstrip() if line.strip() else "--"}
% endfor
--
-- Revision ID: ${up_revision}
-- Revises:${" " + comma(down_revision) if down_revision else ""}
-- Create Date: ${create_date}
% if branch_labels:
-- Branch Labels: ${branch_labels | comma,n}
% endif
% if depends_on:
-- Depends On: ${depends_on | comma,n}
% endif

-- retort:upgrade
${upgrades.strip("\n") if upgrades else ""}

-- retort:downgrade
${downgrades.strip("\n") if downgrades else ""}
