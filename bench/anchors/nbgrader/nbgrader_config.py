"""nbgrader's course for the bench's anchor: one assignment, ps1, a notebook with three graded tests."""

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - nbgrader's config loader provides it
c.CourseDirectory.course_id = "mlgrade-bench"
