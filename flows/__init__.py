"""The site as the robot knows it: page objects and the flows that use them."""
