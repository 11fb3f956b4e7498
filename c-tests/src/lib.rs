//! Outside-view tests of libforklu from C; see tests/.
