; Mot Cua - installer include script (electron-builder NSIS). ASCII only: NSIS reads it as ANSI.
; Install-time configuration for IT admins: a config bundle made by `motcua provision`
; (motcua-config.json) placed beside the installer, or named with /CONFIG=<path>, becomes the
; machine's admin config: C:\ProgramData\MotCua\config.json. Silent installs work the same way:
;   MotCua-Setup-1.0.0.exe /S /CONFIG=D:\provision\00324-K01\motcua-config.json

!include "FileFunc.nsh"

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/CONFIG=" $R1
  ${If} ${Errors}
    StrCpy $R1 "$EXEDIR\motcua-config.json"
  ${EndIf}
  ${If} ${FileExists} "$R1"
    ; With the "all users" context, $APPDATA is C:\ProgramData - where the app reads its admin file.
    SetShellVarContext all
    CreateDirectory "$APPDATA\MotCua"
    CopyFiles /SILENT "$R1" "$APPDATA\MotCua\config.json"
    DetailPrint "Mot Cua: admin config applied from $R1"
  ${EndIf}
!macroend

!macro customUnInstall
  ; The admin config and the data (dossiers not yet sent) are kept on uninstall, on purpose.
!macroend
