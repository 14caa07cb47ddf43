"""Electronic notices (ابلاغیه الکترونیک): listed, opened (which is their legal receipt), documents streamed."""
