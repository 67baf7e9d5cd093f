//go:build !unix

package smallfile

func readPrefix(path string, buf []byte) (int, bool, error) { return portablePrefix(path, buf) }
