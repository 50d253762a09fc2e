"""`course build`: lint the source notebooks, generate the release with nbgrader, keep its manifest."""
