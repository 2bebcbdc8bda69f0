* A division by zero in $eval.
$set n 0
$evalGlobal share 1 / %n%
Scalar s / %share% /;
