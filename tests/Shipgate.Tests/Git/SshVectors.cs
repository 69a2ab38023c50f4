namespace Shipgate.Tests.Git;

/// <summary>Fixed vectors made with ssh-keygen (OpenSSH 9.2) and git 2.39: commits signed with gpg.format ssh on 2026-01-01.</summary>
internal static class SshVectors
{
    public static readonly string Ed25519Commit = """
tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904
author Rita <rita@example.com> 1767225600 +0000
committer Rita <rita@example.com> 1767225600 +0000
gpgsig -----BEGIN SSH SIGNATURE-----
 U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgcYMpf6oxsXHTMKJK1uo6l5az/D
 Mp+1na2uKwfmz5q+MAAAADZ2l0AAAAAAAAAAZzaGE1MTIAAABTAAAAC3NzaC1lZDI1NTE5
 AAAAQDXdDIJFWRijH/qLkLkuwG5/0OH+EXNPxj3RdtFEZxWQsX/kgNLp8oVlH+h21KOLBd
 jKWJjrP9tswL6gV1mGGAE=
 -----END SSH SIGNATURE-----

Release record by ed25519
""" + "\n";
    public const string Ed25519Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHGDKX+qMbFx0zCiStbqOpeWs/wzKftZ2trisH5s+avj ed25519";
    public static readonly string RsaCommit = """
tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904
parent 09d99ebe79a58220ffe025249e0226df14692872
author Rita <rita@example.com> 1767225600 +0000
committer Rita <rita@example.com> 1767225600 +0000
gpgsig -----BEGIN SSH SIGNATURE-----
 U1NIU0lHAAAAAQAAAZcAAAAHc3NoLXJzYQAAAAMBAAEAAAGBAN0jRELEvJoI7rcPZcKrrQ
 dr9PbzEwIU086JHCANCiagPGwKW1F0bGOkEaLx7RNTJh6naUW0vWTdiH/Edi6FsdUibDLT
 jiTYr5fL3Zn3VmM+xopnzFSzveXxsfbyCSUJwKxDkJAif7oFP5Tk0f04rbxefUDoWpcFY5
 SY4Y7RnR+H5UWObtnHGzQRXmTFD9W12G6aFYBSdbvztG2Won185wCr5bWZWc6SGSXAUHlu
 anmuTTZCcWXuRXZcL8GtDu66Itti0WeXj7WzOdIssL4pdb1Fo5TSGSjPvPOOGDXdYS5PyJ
 KGtsk356QTwKOJWrSlPJfbPK8wD+R8uKyv2JLEtULzp4dbax9F2ekx9/ViSMrwXlUNekxO
 KC6z1MT1FoM2tiYJhDJbdct8YV1w9xcNHDnfhOS5AwY5Cfy1FOlKdL81vSD7ZOmNDNG0tK
 lYjiU2O3Gvj+IMh7+n4U4lWDhaOHcHMD+OOW2G78uG6nDjIgeYHB2sgWJjjG3izIgUAaJ4
 iQAAAANnaXQAAAAAAAAABnNoYTUxMgAAAZQAAAAMcnNhLXNoYTItNTEyAAABgJZtOjAMK7
 gYWPYH/+wxa7gJlS7Ymf0dsF4FD7r2G32OvcgzvE6ALFGrZA9y0v3kIegwHIus3nmyo33w
 LYJAm4OcXy4F7qSx0RKFosa35f545dLk+iK5SBhgSfzSFB6sg6VlZDh4OBGuJMFG2v3dAj
 oIjwM6oD6NYiV6+3sycWN93OYmyy+IE4fruhWT7+DuIpVQyoiXuLiGfj22QFPlKj1/NAOI
 2WIKuefqzZwVqqm5YP7T9Hub2JQJNnPrM2CSN78mBh50pY4NHwOaDUzZPhAQ+n67Tjoocl
 A+96I5PphxqbyQfAKlDwhc6sqS02c2+9BHup+oRLGfIPMXtmwRSR6TiG32NjY29XpRKgRX
 g0Nnc+mIZPIoPf2Losbz7/WggW4xV9OBt+EI+ZmpUeggQGyj5Tij0aGhO2H7lAQt2hNkYn
 umefVCce9okHLQBQenbvhk2bIsxS4zFBjnAhI+SljJyDwP66MLvb6KHE+b7LAGN/VzjBcM
 DFRW8Pb3DulGBg==
 -----END SSH SIGNATURE-----

Release record by rsa
""" + "\n";
    public const string RsaKey =
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQDdI0RCxLyaCO63D2XCq60Ha/T28xMCFNPOiRwgDQomoDxsCltRdGxjpBGi8e0TUyYep2lFtL" +
        "1k3Yh/xHYuhbHVImwy044k2K+Xy92Z91ZjPsaKZ8xUs73l8bH28gklCcCsQ5CQIn+6BT+U5NH9OK28Xn1A6FqXBWOUmOGO0Z0fh+VFjm7Zxxs0" +
        "EV5kxQ/VtdhumhWAUnW787RtlqJ9fOcAq+W1mVnOkhklwFB5bmp5rk02QnFl7kV2XC/BrQ7uuiLbYtFnl4+1sznSLLC+KXW9RaOU0hkoz7zzjh" +
        "g13WEuT8iShrbJN+ekE8CjiVq0pTyX2zyvMA/kfLisr9iSxLVC86eHW2sfRdnpMff1YkjK8F5VDXpMTigus9TE9RaDNrYmCYQyW3XLfGFdcPcX" +
        "DRw534TkuQMGOQn8tRTpSnS/Nb0g+2TpjQzRtLSpWI4lNjtxr4/iDIe/p+FOJVg4Wjh3BzA/jjlthu/Lhupw4yIHmBwdrIFiY4xt4syIFAGieI" +
        "k= rsa";
    public static readonly string EcdsaCommit = """
tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904
parent 17ecdf187f2d3ebd2c7f013e1dbd911b8c6aab71
author Rita <rita@example.com> 1767225600 +0000
committer Rita <rita@example.com> 1767225600 +0000
gpgsig -----BEGIN SSH SIGNATURE-----
 U1NIU0lHAAAAAQAAAGgAAAATZWNkc2Etc2hhMi1uaXN0cDI1NgAAAAhuaXN0cDI1NgAAAE
 EEtFc5Tg71pyWlk2lYxDCzwLiqsNLg0tCtMrTa70P9Lfwhj4SwtppqBZemKsBSpFRUvg4j
 f2+PJpv03GKE/nM89wAAAANnaXQAAAAAAAAABnNoYTUxMgAAAGUAAAATZWNkc2Etc2hhMi
 1uaXN0cDI1NgAAAEoAAAAhANyW/vhlaXSmjtKFa0u7h1fVSkvB15s8PjEdsvbhZIqGAAAA
 IQCRj+VDW33sau5ivDla5cSh8Nb79VGYFwdLb8GCk/LqlA==
 -----END SSH SIGNATURE-----

Release record by ecdsa
""" + "\n";
    public const string EcdsaKey =
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLRXOU4O9aclpZNpWMQws8C4qrDS4NLQrTK02u" +
        "9D/S38IY+EsLaaagWXpirAUqRUVL4OI39vjyab9NxihP5zPPc= ecdsa";
    public static readonly string WrongNamespaceCommit = """
tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904
author Rita <rita@example.com> 1767225600 +0000
committer Rita <rita@example.com> 1767225600 +0000
gpgsig -----BEGIN SSH SIGNATURE-----
 U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgcYMpf6oxsXHTMKJK1uo6l5az/D
 Mp+1na2uKwfmz5q+MAAAAEZmlsZQAAAAAAAAAGc2hhNTEyAAAAUwAAAAtzc2gtZWQyNTUx
 OQAAAECMazxQ23nWtPvPJsuQTuyEcjg3kTM0fG6abT4GJmyif2hrnw2zbrKVGBRNnuCGQZ
 GPRgGTcrHJ74qix9fFD+YB
 -----END SSH SIGNATURE-----

Release record by ed25519
""" + "\n";

    public static byte[] Bytes(string commit) => System.Text.Encoding.UTF8.GetBytes(commit);
}
