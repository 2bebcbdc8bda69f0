* $eval of a name that is not a number: the caret is on the name, and the variable is not
* reported again where it is used.
$set steps 96
$eval last %steps% * days
Set t / t1*t%last% /;
