$if not set days $sett days 7
$offdelm
$gdxin results.gdx
Set d / d1*d%days% /;
Display d;
